export function repeatTrace(text: string, eventCount: number): string;
