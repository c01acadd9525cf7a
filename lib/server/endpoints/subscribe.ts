import { getSite } from '../../site';
import { withBase } from '../../urls';
import { apiRoute, storeOr503, withInput } from '../http/endpoint';
import { subscribeSchema } from '../schemas';
import { formLandingPage } from './landing';
import { subscribeThanksPath } from '@/lib/paths';

/** POST /api/subscribe: idempotent; 202 whether the address is new or known, so it reveals nothing. */
export const subscribeRoute = apiRoute('subscribe', {
  POST: withInput({
    schema: subscribeSchema,
    accepts: ['json', 'form'],
    rateLimit: { bucket: 'subscribe', rule: (config) => config.rateLimits.subscribe },
    async handle(input, { requestId, request }) {
      // A filled honeypot is answered the same way and dropped.
      if (input.website === '') await (await storeOr503(requestId)).addSubscriber(input.email.toLowerCase());
      return { status: 202, body: { status: 'accepted' }, redirectTo: formLandingPage(request, withBase(getSite(), subscribeThanksPath())) };
    },
  }),
});
