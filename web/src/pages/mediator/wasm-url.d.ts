// Vite's `?url` imports: the asset is emitted into web/dist and served from our own origin.
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
