import type { Metadata } from 'next';
import { SubscribeForm } from '@/app/_components/SubscribeForm';
import { formAction } from '@/lib/forms';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { subscribePath } from '@/lib/paths';

export const metadata: Metadata = pageMetadata(getSite(), { title: 'Subscribe', path: subscribePath() });

export default function SubscribePage() {
  const action = formAction(getSite(), 'subscribe');
  return (
    <article className="entry">
      <h1>Subscribe</h1>
      {action ? (
        <>
          <p>Get an email when a new post is published.</p>
          <SubscribeForm action={action} />
        </>
      ) : (
        <p>Follow the site with its feed in any feed reader.</p>
      )}
    </article>
  );
}
