/**
 * Route-table rows that `next build` marks ƒ (dynamic, rendered per request). A static host cannot
 * serve them, so the export build refuses them.
 */
export function dynamicRoutes(buildOutput: string): string[] {
  const marker = /^[\s│├└┌─]*ƒ\s+(?=\/)/; // a route path follows; the legend's "ƒ  (Dynamic)" does not
  return buildOutput
    .split('\n')
    .filter((line) => marker.test(line))
    .map((line) => line.replace(marker, '').trim());
}
