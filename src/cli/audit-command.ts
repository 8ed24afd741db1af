import type { Command } from 'commander';

/** Placeholder until the audit commands land. */
export function registerAuditCommands(_program: Command): void {}
