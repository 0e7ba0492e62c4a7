// The problems a configuration is refused for, each naming its variable ([] when it loads).
import { ConfigError, loadConfig } from "../../src/config.ts";

export function configProblemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
