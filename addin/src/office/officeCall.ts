/**
 * Turns Office's callback-style `*Async` calls into promises that reject with OfficeCallError.
 * Office may call back synchronously or later, and may also throw synchronously on bad arguments;
 * all three end up as a settled promise, and nothing is ever thrown from inside a callback.
 */
import { OfficeCallError } from './OfficeCallError';

export type OfficeNamespace = typeof Office;

export function officeCall<T>(
  office: OfficeNamespace,
  operation: string,
  start: (callback: (result: Office.AsyncResult<T>) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => {
        if (result.status === office.AsyncResultStatus.Failed) reject(fromAsyncError(operation, result.error));
        else resolve(result.value);
      });
    } catch (error) {
      reject(new OfficeCallError(operation, 'threw', error instanceof Error ? error.message : String(error)));
    }
  });
}

function fromAsyncError(operation: string, error: Office.Error | undefined): OfficeCallError {
  if (!error) return new OfficeCallError(operation, 'unknown', 'Office reported a failure without details');
  return new OfficeCallError(operation, error.code, error.message, error.name);
}

/** The open mail item, or a rejection-ready error when there is none. */
export function currentItem(office: OfficeNamespace, operation: string): NonNullable<typeof Office.context.mailbox.item> {
  const item = office.context?.mailbox?.item;
  if (!item) throw new OfficeCallError(operation, 'no_item', 'no mail item is open');
  return item;
}

/** Some clients expose an object but not its methods (e.g. sessionData on older Windows builds). */
export function requireMethod(target: object | undefined | null, method: string, operation: string): void {
  if (!target || typeof (target as Record<string, unknown>)[method] !== 'function') {
    throw new OfficeCallError(operation, 'not_supported', `this Outlook client does not provide ${method}`);
  }
}

export function supportsMailbox(office: OfficeNamespace, version: string): boolean {
  return Boolean(office.context?.requirements?.isSetSupported('Mailbox', version));
}
