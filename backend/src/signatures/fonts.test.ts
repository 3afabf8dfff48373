import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { bundledFontPackages, FontChain } from './fonts';

describe('bundled fonts', () => {
  test('when a font is bundled, then its package is under the SIL Open Font License and ships the licence text', () => {
    const packages = bundledFontPackages();
    expect(packages).toEqual(['@fontsource/noto-sans', '@fontsource/dancing-script']);
    for (const name of packages) {
      const dir = path.dirname(require.resolve(`${name}/package.json`));
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).license).toBe('OFL-1.1');
      expect(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toContain('SIL Open Font License, Version 1.1');
    }
  });

  test('when a line mixes scripts, then each character is measured in the font that draws it and the rest as "?"', async () => {
    const chain = new FontChain(await PDFDocument.create(), 'text');
    expect(chain.widthOf('Ωmega Жанна', 10)).toBeGreaterThan(chain.widthOf('Ω', 10) * 5);
    expect(chain.widthOf('\u05D0\u{1F600}', 10)).toBeCloseTo(chain.widthOf('??', 10), 6);
    expect(chain.wrap('one two three four', 10, chain.widthOf('one two', 10))).toEqual(['one two', 'three', 'four']);
  });
});
