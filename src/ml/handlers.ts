// What the ML document answers. On Chrome it runs in the offscreen document; on Firefox the
// background page calls it directly.
import type { MlMessage } from '../shared/messages.ts';
import { chooseBackend, type BackendChoice } from './backend.ts';

let choice: Promise<BackendChoice> | undefined;

export interface MlStatus extends BackendChoice {
  context: 'offscreen' | 'background';
}

export const mlHandlers = {
  'ml/probe': async (_m: Extract<MlMessage, { type: 'ml/probe' }>, context: MlStatus['context']): Promise<MlStatus> => {
    choice ??= chooseBackend();
    return { ...(await choice), context };
  },
};
