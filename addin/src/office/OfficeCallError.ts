/**
 * The one error type the Office adapter rejects with, so callers can tell an Office failure
 * (numeric Office error code) from an adapter-detected one (string code) and know which call failed.
 */

/** Office's numeric AsyncResult error code, or a condition the adapter detects before or around Office. */
export type OfficeErrorCode =
  | number
  /** No mail item is open in this runtime (e.g. the pane outlived its item). */
  | 'no_item'
  /** The client lacks the API (missing method or requirement set). */
  | 'not_supported'
  /** Office threw synchronously, usually an invalid argument. */
  | 'threw'
  /** The dialog closed or failed to load; the Office code is in `officeCode`. */
  | 'dialog_closed'
  /** Office reported failure without an error object. */
  | 'unknown';

export class OfficeCallError extends Error {
  override readonly name = 'OfficeCallError';

  constructor(
    /** The adapter operation that failed, e.g. "item.body.getAsync". */
    readonly operation: string,
    readonly code: OfficeErrorCode,
    message: string,
    /** Office's error name (e.g. "InvalidAttachmentId") or numeric dialog code, when Office gave one. */
    readonly officeCode?: string | number,
  ) {
    super(`${operation}: ${message}`);
  }
}

export function isOfficeCallError(error: unknown): error is OfficeCallError {
  return error instanceof OfficeCallError;
}
