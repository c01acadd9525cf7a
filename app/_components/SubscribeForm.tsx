import { ApiForm } from './ApiForm';

export function SubscribeForm({ action }: { action: string }) {
  return (
    <ApiForm action={action} submitLabel="Subscribe" doneMessage="Thank you: you are on the list.">
      <label>
        Email <input name="email" type="email" required maxLength={254} autoComplete="email" />
      </label>
    </ApiForm>
  );
}
