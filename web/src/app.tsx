export function App() {
  return <main><h1>Comptoir</h1></main>;
}
