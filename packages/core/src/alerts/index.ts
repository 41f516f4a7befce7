/**
 * @module alerts
 * The alert lifecycle (pure): open, fold, acknowledge, resolve, assign, note.
 */
export { openAlert, foldSignal, acknowledge, resolve as resolveAlert, assign as assignAlert, addNote, severitiesFrom, MAX_SAMPLES, type AlertRecord, type Outcome } from './alert-state.ts';
