import datetime as dt

import factory
from django.contrib.auth import get_user_model

from compliance.assessments.models import AISystem
from compliance.organizations.models import Membership, Organization, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.EDITOR


class AISystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AISystem

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"System {n}")
    description = "Screens job applications and ranks candidates."
    purpose = "Recruitment"
    owner = "HR operations"
    lifecycle_stage = AISystem.Stage.DEVELOPMENT
    markets = ["eu", "kr"]


AS_OF = dt.date(2026, 11, 22)
