export function isInteractive(stdin?: NodeJS.ReadStream): boolean
export function ask(question: string): Promise<string>
export function askHidden(message: string): Promise<string>
export function readStdin(): Promise<string>
