import Link from 'next/link';
import { archivePath, homePath } from '@/lib/paths';

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. Try the <Link href={homePath()}>home page</Link> or the <Link href={archivePath()}>archive</Link>.
      </p>
    </>
  );
}
