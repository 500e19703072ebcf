"""Delivering the daily digest where researchers read it: email, chat webhooks, a static site
with an Atom feed, and the schedule that runs it all after arXiv's announcement."""
