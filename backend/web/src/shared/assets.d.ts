/** Images imported by pages become URLs of content-hashed files (webpack asset modules). */
declare module '*.svg' {
  const url: string;
  export default url;
}
