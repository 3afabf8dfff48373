/** Images imported by pages become URLs of content-hashed files (webpack asset modules). */
declare module '*.svg' {
  const url: string;
  export default url;
}

declare module '*.woff2' {
  const url: string;
  export default url;
}
