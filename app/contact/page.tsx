import type { Metadata } from 'next';
import { ContactForm } from '@/app/_components/ContactForm';
import { formAction } from '@/lib/forms';
import { pageMetadata } from '@/lib/seo';
import { getSite } from '@/lib/site';
import { contactPath } from '@/lib/paths';

export const metadata: Metadata = pageMetadata(getSite(), { title: 'Contact', path: contactPath() });

export default function ContactPage() {
  const site = getSite();
  const action = formAction(site, 'contact');
  return (
    <article className="entry">
      <h1>Contact</h1>
      {action ? (
        <ContactForm action={action} />
      ) : site.author.email ? (
        <p>
          Write to <a href={`mailto:${site.author.email}`}>{site.author.email}</a>.
        </p>
      ) : (
        <p>This site has no contact address yet.</p>
      )}
    </article>
  );
}
