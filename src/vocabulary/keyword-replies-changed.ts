/**
 * The channel the console publishes on after staff change keyword replies; every instance's bot
 * drops its cache of them. Here, below both, because the console must not import the runtime.
 */
export const KEYWORD_REPLIES_CHANGED = 'keyword-replies:changed';
