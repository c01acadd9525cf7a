'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import './forms.css';

type Status = { kind: 'idle' | 'sending' | 'done' } | { kind: 'error'; message: string; fields?: Record<string, string[]> };

/**
 * A form that works without JavaScript (a normal POST, answered with 303 to a thank-you page) and,
 * with JavaScript, posts JSON and shows the answer in place.
 */
export function ApiForm({ action, submitLabel, doneMessage, children }: { action: string; submitLabel: string; doneMessage: string; children: ReactNode }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus({ kind: 'sending' });
    const body = Object.fromEntries(new FormData(event.currentTarget));
    try {
      const response = await fetch(action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.ok) return setStatus({ kind: 'done' });
      const answer = (await response.json().catch(() => ({}))) as { error?: string; details?: Record<string, string[]> };
      setStatus({ kind: 'error', message: answer.error ?? `The server answered ${response.status}.`, fields: answer.details });
    } catch {
      setStatus({ kind: 'error', message: 'The message could not be sent: check your connection and try again.' });
    }
  }

  if (status.kind === 'done') return <p className="form-status" role="status">{doneMessage}</p>;
  return (
    <form className="api-form" method="post" action={action} onSubmit={submit}>
      {children}
      {/* Hidden from people; bots that fill every field are answered as usual and ignored. */}
      <div className="form-trap" aria-hidden="true">
        <label>
          Website <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>
      {status.kind === 'error' && (
        <div className="form-status form-error" role="alert">
          <p>{status.message}</p>
          {status.fields && (
            <ul>
              {Object.entries(status.fields).map(([field, messages]) => messages.map((m) => <li key={`${field}:${m}`}>{m}</li>))}
            </ul>
          )}
        </div>
      )}
      <button type="submit" disabled={status.kind === 'sending'}>
        {status.kind === 'sending' ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
