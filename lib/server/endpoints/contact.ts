import { getSite } from '../../site';
import { withBase } from '../../urls';
import { apiRoute, storeOr503, withInput } from '../http/endpoint';
import { contactSchema } from '../schemas';
import { formLandingPage } from './landing';
import { contactThanksPath } from '@/lib/paths';

/** POST /api/contact: stores a message; JSON → 201 {"id"}, form post → 303 to the thank-you page. */
export const contactRoute = apiRoute('contact', {
  POST: withInput({
    schema: contactSchema,
    accepts: ['json', 'form'],
    rateLimit: { bucket: 'contact', rule: (config) => config.rateLimits.contact },
    async handle(input, { requestId, request }) {
      const store = await storeOr503(requestId);
      const spam = input.website !== '';
      const { id } = await store.addSubmission({ name: input.name, email: input.email, message: input.message, spam, requestId });
      return { status: 201, body: { id }, redirectTo: formLandingPage(request, withBase(getSite(), contactThanksPath())) };
    },
  }),
});
