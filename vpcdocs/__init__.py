"""vpcdocs: AWS network topology specs to route tables, reachability, diagrams and docs."""

__version__ = "0.1.0"
