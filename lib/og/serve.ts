import type { Content } from '../content';
import { cardPng } from './card-png';
import { cardSegments, findCard, ogCards } from './cards';

// What the route app/og/[...card] answers.

export { cardPng };

export const cardParams = (content: Content) => ogCards(content).map((card) => ({ card: cardSegments(card) }));

export async function cardResponse(content: Content, segments: string[]): Promise<Response> {
  const card = findCard(ogCards(content), segments);
  if (!card) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(await cardPng(card.data)), { headers: { 'Content-Type': 'image/png' } });
}
