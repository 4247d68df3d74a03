// Rules module.
