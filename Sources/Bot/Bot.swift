// Bot module.
