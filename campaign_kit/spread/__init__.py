"""The oil-spot model: how a message spreads from a few ambassadors through their departments.

`model` holds the diffusion (Bass, per department, with the ambassadors' own recruiting), `fit` fits
its rates to a campaign's weekly adoptions, `plan` finds the smallest team that reaches a target.
Pure calculations: no reports, forms or files here.
"""
