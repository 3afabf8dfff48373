/** officeCall: every way Office can answer becomes a settled promise or a typed OfficeCallError. */
import { OfficeCallError } from './OfficeCallError';
import { officeCall } from './officeCall';
import { createFakeOutlook } from './testing/fakeOutlook';

const { office } = createFakeOutlook();
const succeeded = <T>(value: T) => ({ status: office.AsyncResultStatus.Succeeded, value }) as Office.AsyncResult<T>;

describe('officeCall', () => {
  test('when Office calls back synchronously with success, then the promise resolves with the value', async () => {
    await expect(officeCall(office, 'op', (cb) => cb(succeeded(42)))).resolves.toBe(42);
  });

  test('when Office calls back later with success, then the promise resolves with the value', async () => {
    await expect(officeCall(office, 'op', (cb) => setTimeout(() => cb(succeeded('late')), 1))).resolves.toBe('late');
  });

  test('when Office reports failure, then it rejects with the Office code, name, message and operation', async () => {
    const error = { code: 9041, name: 'NetworkError', message: 'The user is no longer connected.' } as Office.Error;
    const promise = officeCall(office, 'item.body.getAsync', (cb) =>
      cb({ status: office.AsyncResultStatus.Failed, error } as Office.AsyncResult<string>),
    );
    await expect(promise).rejects.toEqual(expect.objectContaining({
      name: 'OfficeCallError', operation: 'item.body.getAsync', code: 9041, officeCode: 'NetworkError',
      message: 'item.body.getAsync: The user is no longer connected.',
    }));
    await expect(promise).rejects.toBeInstanceOf(OfficeCallError);
  });

  test('when Office reports failure without an error object, then it rejects with code "unknown"', async () => {
    const promise = officeCall(office, 'op', (cb) => cb({ status: office.AsyncResultStatus.Failed } as Office.AsyncResult<void>));
    await expect(promise).rejects.toMatchObject({ code: 'unknown', operation: 'op' });
  });

  test('when Office throws synchronously, then it rejects with code "threw" instead of throwing', async () => {
    const promise = officeCall(office, 'op', () => {
      throw new Error('ArgumentOutOfRange');
    });
    await expect(promise).rejects.toMatchObject({ code: 'threw', message: 'op: ArgumentOutOfRange' });
  });
});
