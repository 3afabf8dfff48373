/** The pane model reaches components through React context, so components stay free of Office and fetch. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PaneModel, PaneState } from './paneModel';

export const ModelContext = createContext<PaneModel | null>(null);

export function usePaneModel(): [PaneState, PaneModel] {
  const model = useContext(ModelContext);
  if (!model) throw new Error('usePaneModel needs a ModelContext provider');
  const state = useSyncExternalStore(model.subscribe, model.getState);
  return [state, model];
}
