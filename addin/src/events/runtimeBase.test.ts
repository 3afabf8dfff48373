/** Where the send handler finds Sealpost's API before any pane told it, from the runtime's location. */
import { runtimeApiBase } from './runtimeBase';

test('when the runtime is a browser page, then the API is where the add-in is served from, path prefix included', () => {
  expect(runtimeApiBase('https://mail.example.org/sealpost/addin/commands.html')).toBe('https://mail.example.org/sealpost');
  expect(runtimeApiBase('https://sealpost.example.com/addin/commands.html?x=1')).toBe('https://sealpost.example.com');
});

test('when the script runs from a blob (a worker), then its origin is used', () => {
  expect(runtimeApiBase('blob:https://sealpost.example.com/5f0c1c1e-0000-4000-8000-000000000000')).toBe('https://sealpost.example.com');
});

test('when the runtime has no location (classic Windows) or an odd one, then there is none', () => {
  expect(runtimeApiBase(null)).toBeNull();
  expect(runtimeApiBase('about:blank')).toBeNull();
  expect(runtimeApiBase('file:///C:/Users/x/launchevent.js')).toBeNull();
  expect(runtimeApiBase('https://')).toBeNull();
});
