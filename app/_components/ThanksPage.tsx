import Link from 'next/link';
import { homePath } from '@/lib/paths';

/** The page a form post without JavaScript lands on (303 from the API). */
export function ThanksPage({ text }: { text: string }) {
  return (
    <article className="entry">
      <h1>Thank you</h1>
      <p>
        {text} <Link href={homePath()}>Back to the home page</Link>.
      </p>
    </article>
  );
}
