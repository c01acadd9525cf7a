// What the card row of the output table answers: the card's PNG, from the cache or rendered once
// into it (lib/og/card-png.ts).
export { cardPng } from './card-png';
