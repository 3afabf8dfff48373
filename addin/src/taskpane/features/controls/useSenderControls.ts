/** The sender controls reach their components through React context, like the pane model. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SenderControls, SenderControlsState } from './senderControls';

export const SenderControlsContext = createContext<SenderControls | null>(null);

export function useSenderControls(): [SenderControlsState, SenderControls] {
  const controls = useContext(SenderControlsContext);
  if (!controls) throw new Error('useSenderControls needs a SenderControlsContext provider');
  const state = useSyncExternalStore(controls.subscribe, controls.getState);
  return [state, controls];
}
