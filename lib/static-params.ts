/**
 * generateStaticParams for export mode. Next.js refuses an empty list for a dynamic segment
 * ("at least one route must be generated"), so an empty list yields one placeholder that the
 * page answers with notFound(); the output checker makes sure nothing links to it.
 */
export const PLACEHOLDER_PARAM = '_none';

export function staticParams<K extends string>(key: K, values: string[]): Record<K, string>[] {
  const list = values.length ? values : [PLACEHOLDER_PARAM];
  return list.map((value) => ({ [key]: value }) as Record<K, string>);
}
