/**
 * Dancing Script (SIL OFL 1.1, from @fontsource, the same face the server draws typed signatures with), served from
 * /web/assets like every other asset, so a typed signature looks the same on the page as in the completed PDF.
 */
import latin from '@fontsource/dancing-script/files/dancing-script-latin-400-normal.woff2';
import latinExt from '@fontsource/dancing-script/files/dancing-script-latin-ext-400-normal.woff2';

export const SIGNATURE_FONT_FAMILY = "'Sealpost Signature', 'Dancing Script', cursive";

let loading: Promise<void> | null = null;

/** Loads the face once; until it arrives (or if it cannot) the browser's cursive face stands in. */
export function loadSignatureFont(): Promise<void> {
  loading ??= Promise.all(
    [
      // unicode ranges as @fontsource declares them
      new FontFace('Sealpost Signature', `url(${latin})`, { unicodeRange: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD' }),
      new FontFace('Sealpost Signature', `url(${latinExt})`, { unicodeRange: 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF' }),
    ].map(async (face) => document.fonts.add(await face.load())),
  ).then(
    () => undefined,
    () => undefined,
  );
  return loading;
}
