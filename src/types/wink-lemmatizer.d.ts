// wink-lemmatizer ships no types. Each function returns its input unchanged when it knows no lemma.
declare module 'wink-lemmatizer' {
  const lemmatizer: {
    noun(word: string): string;
    verb(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}
