// AuroraTesting module.
