import { ApiForm } from './ApiForm';

/** The contact form; field limits match lib/server/schemas.ts so browsers catch mistakes first. */
export function ContactForm({ action }: { action: string }) {
  return (
    <ApiForm action={action} submitLabel="Send message" doneMessage="Thank you: your message has been sent.">
      <label>
        Name <input name="name" required maxLength={100} autoComplete="name" />
      </label>
      <label>
        Email <input name="email" type="email" required maxLength={254} autoComplete="email" />
      </label>
      <label>
        Message <textarea name="message" required maxLength={5000} />
      </label>
    </ApiForm>
  );
}
