/** Further benchmarks of other features (spell checking, publishing) are added here. */
export async function benchExtra(): Promise<string[]> {
  return [];
}
