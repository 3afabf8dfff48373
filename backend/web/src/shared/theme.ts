/**
 * The Sealpost look for Fluent UI: a brand ramp built around the teal of the logo and the account pages
 * (#0b6e69 is step 80, the one Fluent uses for primary buttons and links in a light theme).
 */
import { createLightTheme, type BrandVariants, type Theme } from '@fluentui/react-components';

/** Steps below 80 darken towards a deep teal, steps above lighten towards a teal-tinted white. */
export const sealpostBrand: BrandVariants = {
  10: '#020f0e',
  20: '#031d1b',
  30: '#052a28',
  40: '#063835',
  50: '#074542',
  60: '#08534f',
  70: '#0a605c',
  80: '#0b6e69',
  90: '#338682',
  100: '#529996',
  110: '#70aba8',
  120: '#8cbcb9',
  130: '#a7cdca',
  140: '#c1dcdb',
  150: '#daecea',
  160: '#f3fbfa',
};

export const sealpostTheme: Theme = createLightTheme(sealpostBrand);
