namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

/// <summary>Small bodies written by hand from the OAS field lists (values in the style of the OAS examples).</summary>
internal static class Samples
{
    public const string OrderSearchPath = "/order/202309/orders/search";

    public const string OrderSearchResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202203070749000101890810281E8C70B7",
          "data": {
            "next_page_token": "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT",
            "total_count": 1,
            "orders": [
              {
                "id": "576461413038785752",
                "status": "AWAITING_SHIPMENT",
                "create_time": 1619611561,
                "update_time": 1619621355,
                "paid_time": 1619611563,
                "is_on_hold_order": false,
                "order_type": "",
                "fulfillment_type": "FULFILLMENT_BY_SELLER",
                "shipping_type": "SELLER",
                "delivery_type": "HOME_DELIVERY",
                "delivery_option_id": "7091146663229654785",
                "delivery_option_name": "通常配送",
                "packages": [ { "id": "1152321127278713123" } ],
                "payment": {
                  "currency": "JPY",
                  "sub_total": "5000",
                  "shipping_fee": "500",
                  "total_amount": "5500",
                  "original_total_product_price": "5000",
                  "original_shipping_fee": "500",
                  "seller_discount": "0",
                  "platform_discount": "0"
                },
                "recipient_address": {
                  "name": "山田 太郎",
                  "first_name": "太郎",
                  "last_name": "山田",
                  "first_name_local_script": "タロウ",
                  "last_name_local_script": "ヤマダ",
                  "phone_number": "(+81)08012345678",
                  "postal_code": "1008111",
                  "region_code": "JP",
                  "full_address": "東京都千代田区千代田1-1",
                  "address_line1": "1-1",
                  "district_info": [
                    { "address_level": "L1", "address_level_name": "prefecture", "address_name": "東京都", "iso_code": "JP-13" }
                  ]
                },
                "line_items": [
                  {
                    "id": "577086512123755123",
                    "sku_id": "1729582718312380123",
                    "product_id": "1729582718312380000",
                    "product_name": "手ぬぐい",
                    "sku_name": "藍",
                    "seller_sku": "tenugui-ai",
                    "original_price": "2500",
                    "sale_price": "2500",
                    "currency": "JPY",
                    "display_status": "AWAITING_SHIPMENT",
                    "package_id": "1152321127278713123",
                    "package_status": "TO_FULFILL",
                    "is_gift": false
                  }
                ]
              }
            ]
          }
        }
        """;

    public const string MarkPackageAsShippedTemplate = "/fulfillment/202309/orders/{order_id}/packages";
    public const string MarkPackageAsShippedPath = "/fulfillment/202309/orders/576461413038785752/packages";

    public const string MarkPackageAsShippedRequest = """
        {"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686","order_line_item_ids":["577086512123755123"]}
        """;

    public const string MarkPackageAsShippedResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202203070749000101890810281E8C70B7",
          "data": {
            "order_id": "576461413038785752",
            "order_line_item_ids": ["577086512123755123"],
            "package_id": "1152321127278713123",
            "warning": { "message": "match more than one provider" }
          }
        }
        """;

    public const string PackageDetailResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202203070749000101890810281E8C70B7",
          "data": {
            "package_id": "1152321127278713123",
            "package_status": "PROCESSING",
            "tracking_number": "123456789012",
            "shipping_provider_id": "7117858858072016686",
            "shipping_provider_name": "ヤマト運輸",
            "shipping_type": "SELLER",
            "split_and_combine_tag": "DEFAULT",
            "order_line_item_ids": ["577086512123755123"],
            "orders": [ { "id": "576461413038785752" } ],
            "weight": { "unit": "GRAM", "value": "500" },
            "create_time": 1619611561,
            "update_time": 1619621355
          }
        }
        """;

    public const string ShippingProvidersResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202203070749000101890810281E8C70B7",
          "data": { "shipping_providers": [ { "id": "7117858858072016686", "name": "ヤマト運輸" } ] }
        }
        """;

    public const string AuthorizedShopsResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202203070749000101890810281E8C70B7",
          "data": {
            "shops": [
              {
                "id": "7000714532876273420",
                "name": "GoQ テスト店",
                "region": "JP",
                "seller_type": "LOCAL",
                "cipher": "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3",
                "code": "CNGBCBA4LLU8"
              }
            ]
          }
        }
        """;

    public const string EmptyDataResponse = """
        {"code":0,"message":"Success","request_id":"202203070749000101890810281E8C70B7","data":{}}
        """;

    public const string TokenResponse = """
        {
          "code": 0,
          "message": "success",
          "request_id": "2022080809462301024509910319695C45",
          "data": {
            "access_token": "TTP_pwSm2AAAAABmmtFz1Apf2Y-lEWbPYUJQa6lu8eH4Cy6HqU8PPjT1qpLJ9E0PBgr6wZn5Qvdo",
            "access_token_expire_in": 1660556783,
            "refresh_token": "TTP_NTUxZTNhYTQ2ZDk2YmRmZWM1ZmQyYzQ3OWNjMjAyNzFkZjVmZTIzYzlmZjE2NDZlYjAzZjYz",
            "refresh_token_expire_in": 1691487031,
            "open_id": "7010736057180325637",
            "seller_name": "GoQ テスト店",
            "seller_base_region": "JP",
            "user_type": 0,
            "granted_scopes": ["seller.order.info", "seller.fulfillment.basic"]
          }
        }
        """;

    public const string WebhookOrderStatusChange = """
        {"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}
        """;

    public static Dictionary<string, string> SignedQuery(params (string Name, string Value)[] extra)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_key"] = "29a39d",
            ["timestamp"] = "1623812664",
            ["sign"] = "dbc0ad6d5e12ff3c66148cb85970e55aaab23cc8dd6a653263a1a6132427febc",
        };
        foreach (var (name, value) in extra)
        {
            query[name] = value;
        }

        return query;
    }
}
