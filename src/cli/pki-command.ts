import type { Command } from 'commander';

/** Placeholder until the PKI commands land. */
export function registerPkiCommands(_program: Command): void {}
