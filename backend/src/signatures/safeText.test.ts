import { displayableText } from './safeText';

describe('displayableText', () => {
  test('when a name holds bidi overrides, isolates and marks, then they are removed and the letters stay in typed order', () => {
    const spoof = 'Ann\u202Eexe.pdf\u202C \u2067Lee\u2069\u200F';
    expect(displayableText(spoof, 100)).toBe('Annexe.pdf Lee');
  });

  test('when text holds NUL, newlines, tabs and other controls, then each reads as one space', () => {
    expect(displayableText('a\u0000b\r\n\tc\u0085d\u2028e', 100)).toBe('a b c d e');
  });

  test('when text holds lone surrogate halves, then they become the replacement character', () => {
    expect(displayableText('x\uD800y\uDC00z', 100)).toBe('x\uFFFDy\uFFFDz');
  });

  test('when text holds emoji, then whole emoji stay (the font chain decides how to print them) and joiners go', () => {
    expect(displayableText('ok \u{1F469}\u200D\u{1F4BB}', 100)).toBe('ok \u{1F469}\u{1F4BB}');
  });

  test('when text is longer than the bound, then it is cut to the bound in code points, ellipsis included', () => {
    const out = displayableText('\u{1F600}'.repeat(50), 10);
    expect(Array.from(out)).toHaveLength(10);
    expect(out.endsWith('\u2026')).toBe(true);
  });

  test('when a string is a megabyte long, then the result is bounded and still says it was cut', () => {
    const huge = 'A'.repeat(1024 * 1024);
    const out = displayableText(huge, 200);
    expect(out).toHaveLength(200);
    expect(out.endsWith('\u2026')).toBe(true);
  });

  test('when a megabyte of invisible characters precedes a name, then the name does not appear and the cut is shown', () => {
    const out = displayableText(`${'\u200B'.repeat(1024 * 1024)}Mallory`, 50);
    expect(out).toBe('\u2026');
  });

  test('when text fits, then it is returned unchanged apart from trimmed, collapsed spaces', () => {
    expect(displayableText('  Zoë   Łukasiewicz  ', 100)).toBe('Zoë Łukasiewicz');
  });
});
