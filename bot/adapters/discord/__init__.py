"""Discord (discord.py): the client and gateway, interactions, the command schema, rendering, roles, who is served, and the outbox sender."""
