// The classic Remix compiler turns a stylesheet import into the URL of the built, hashed file.
declare module '*.css' {
  const href: string;
  export default href;
}
