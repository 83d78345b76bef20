/** A number of bytes as a person reads it in a message: "25 MB", "5 GB", "256 KB". */
export function sizeInWords(bytes: number): string {
  const [unit, name] = bytes >= 1024 ** 3 ? [1024 ** 3, 'GB'] : bytes >= 1024 ** 2 ? [1024 ** 2, 'MB'] : [1024, 'KB'];
  return `${Math.round((bytes / unit) * 10) / 10} ${name}`;
}
