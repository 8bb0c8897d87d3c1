"""The growth index (小微企业成长指数): a composite-indicator engine and the plan's framework."""
