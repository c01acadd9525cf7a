import { z } from 'zod';
import { isWellFormed } from './text';

// Request bodies of the API, the single source for validation and for the OpenAPI document.

/** Text a database can store as given: no NUL characters, no lone surrogates. */
const text = (min: number, max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .min(min, min === 1 ? `${label} is required` : `${label} needs at least ${min} characters`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine((s) => !s.includes('\u0000') && isWellFormed(s), `${label} contains characters that are not allowed`);

const email = z
  .string({ message: 'Email must be text' })
  .trim()
  .max(254, 'Email must be at most 254 characters')
  .pipe(z.email('Email must be a valid address such as name@example.com'));

/** The honeypot: people leave it empty (it is hidden); a bot that fills it is answered as usual and ignored. */
const honeypot = z.string({ message: 'website must be text' }).max(1000).optional().default('');

export const contactSchema = z.object({
  name: text(1, 100, 'Name'),
  email,
  message: text(1, 5000, 'Message'),
  website: honeypot,
});

export const subscribeSchema = z.object({
  email,
  website: honeypot,
});

export type ContactInput = z.output<typeof contactSchema>;
export type SubscribeInput = z.output<typeof subscribeSchema>;

/** A Standard Webhooks payload; only its type is read, every change reloads the whole content. */
export const contentWebhookSchema = z.object({
  type: z.string().max(200).optional(),
  timestamp: z.string().max(100).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

// Responses, for the OpenAPI document.

export const errorSchema = z.object({
  error: z.string(),
  requestId: z.uuid(),
  details: z.record(z.string(), z.array(z.string())).optional(),
});
export const healthSchema = z.object({ status: z.literal('ok') });
export const createdSchema = z.object({ id: z.uuid() });
export const acceptedSchema = z.object({ status: z.literal('accepted') });
/** The webhook's 200: the content was reloaded, or this webhook-id was already (and is not again). */
export const contentReloadedSchema = z.union([
  z.object({ reloaded: z.literal(true), posts: z.int(), pages: z.int() }),
  z.object({ reloaded: z.literal(false), duplicate: z.literal(true) }),
]);
export const submissionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  message: z.string(),
  spam: z.boolean(),
  requestId: z.string(),
  createdAt: z.iso.datetime(),
});
export const subscriberSchema = z.object({ email: z.string(), createdAt: z.iso.datetime() });
