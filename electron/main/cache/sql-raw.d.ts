/** SQL files imported with Vite's `?raw` suffix are bundled as strings. */
declare module '*.sql?raw' {
  const sql: string
  export default sql
}
