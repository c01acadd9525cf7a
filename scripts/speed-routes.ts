// What the speed benchmarks (npm run bench, npm run soak) compare POST /api/contact with: the bare
// route handler without a body, and the same handler answering a JSON body as contact does.
export const SPEED_ROUTES = [
  { route: 'bare handler (204, no body)', target: '/api/bench/noop' },
  { route: 'bare handler (201, JSON body)', target: '/api/bench/noop?answer=json' },
  { route: 'POST /api/contact (201)', target: '/api/contact' },
] as const;

/** Seconds of requests sent before each measured run, so that loading a route's code is not counted. */
export const WARM_UP_SECONDS = 2;
