/** An agent's role: the town's administrator (its agents, groups, settings, branding and legal pages). */
export const TOWN_ADMIN_ROLE = 'administrator';
