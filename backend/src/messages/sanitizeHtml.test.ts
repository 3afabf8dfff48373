/** Stored bodies keep formatting and lose everything that could run or call home. */
import { sanitizeMessageHtml, textOf } from './sanitizeHtml';

test.each([
  ['<p>Hi <b>Ann</b></p>', '<p>Hi <b>Ann</b></p>'],
  ['<script>alert(1)</script><p>x</p>', '<p>x</p>'],
  ['<img src=x onerror=alert(1)>text', 'text'],
  ['<p onclick="steal()">x</p>', '<p>x</p>'],
  ['<iframe src="https://evil.example"></iframe>ok', 'ok'],
  ['<style>body{display:none}</style>ok', 'ok'],
  ['<form action="https://evil.example"><input name=p></form>ok', 'ok'],
  ['<svg><script>alert(1)</script></svg>ok', 'ok'],
])('when the body is %s, then it is stored as %s', async (input, output) => {
  expect(await sanitizeMessageHtml(input)).toBe(output);
});

test('when a link is javascript:, then the href goes; an https link opens in a new tab without referrer', async () => {
  expect(await sanitizeMessageHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a target="_blank" rel="noopener noreferrer nofollow">x</a>');
  expect(await sanitizeMessageHtml('<a href="https://ok.example/">x</a>')).toBe(
    '<a href="https://ok.example/" target="_blank" rel="noopener noreferrer nofollow">x</a>',
  );
});

test('when a style loads a URL, then the style attribute goes; plain styles stay', async () => {
  expect(await sanitizeMessageHtml('<p style="background:url(https://track.example/p.gif)">x</p>')).toBe('<p>x</p>');
  expect(await sanitizeMessageHtml('<p style="color: red">x</p>')).toBe('<p style="color: red">x</p>');
});

test('when text is asked of a body, then tags go and whitespace folds', async () => {
  expect(await textOf('<p>Dear  Ann,</p><p>Results attached.</p>')).toBe('Dear Ann,Results attached.');
});

test.each([
  ['<body onload=alert(1)><p>x</p></body>', '<p>x</p>'],
  ['<p>a</p><body style="color:red"><b>b</b></body>', '<p>a</p><b>b</b>'],
  ['<svg><body onload=alert(1)>x', 'x'],
  ['<html><head><title>t</title></head><body>b</body></html>', 'b'],
])('when the body is a whole document or carries <body> tags (%s), then only their contents are stored', async (input, output) => {
  expect(await sanitizeMessageHtml(input)).toBe(output);
});
