// RuleEngine module.
