// When the model is let go. Apart from ml-host.ts so that the bench, which asks the ML document
// directly from Node, holds off the same alarm (that module needs a browser to be imported).

/** The model is let go after this many idle minutes: a loaded real-size model holds hundreds of MB
 * the shopper's browser needs more than a model nobody is asking. It loads again on demand. An
 * alarm, not a timer: the service worker may be stopped long before. */
export const ML_IDLE_ALARM = 'ml-idle';
export const ML_IDLE_MINUTES = 3;
